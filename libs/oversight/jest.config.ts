export default {
  displayName: 'oversight',
  preset: '../../jest.preset.js',
};
